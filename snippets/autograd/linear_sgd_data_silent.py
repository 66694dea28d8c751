import torch

torch.manual_seed(0)

w = torch.tensor([1.0], requires_grad=True)
loss = w**2  # (1)!
w.data.mul_(3)  # (2)!
loss.backward()
print(w.grad)  # (3)!
