import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
print(y)
y.backward()
