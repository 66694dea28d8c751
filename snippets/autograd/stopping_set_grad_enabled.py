import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)

with torch.set_grad_enabled(False):  # (1)!
    print(torch.is_grad_enabled(), (x * 3).requires_grad)

torch.set_grad_enabled(False)  # (2)!
y = x * 3
torch.set_grad_enabled(True)
print(torch.is_grad_enabled(), y.requires_grad)

training = True
with torch.set_grad_enabled(training):  # (3)!
    z = x * 3
print(z.requires_grad)
